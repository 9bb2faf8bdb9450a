//! Messages of the instance list's tools (export, column chooser) and of its resolved names.

use super::lang::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListMsg {
    ExportCsv,
    ExportJson,
    /// The group of export buttons (for screen readers); `{n}` is how many rows are exported.
    ExportRows,
    ColId,
    /// After an image id Glance no longer has.
    ImageDeleted,
    CopyImageId,
    /// The column chooser's button.
    Columns,
    /// `{column}` is a column's heading.
    ShowColumn,
    MoveEarlier,
    MoveLater,
    /// Announced after a move: `{column}`, its place `{n}` and the count `{total}`.
    ColumnMoved,
    ResetColumns,
    /// Why the name column's box cannot be cleared.
    NameAlwaysShown,
}

impl Message for ListMsg {
    fn text(self, lang: Lang) -> &'static str {
        use Lang::*;
        use ListMsg::*;
        match (self, lang) {
            (ExportCsv, En) => "Export CSV",
            (ExportCsv, Ko) => "CSV 내보내기",
            (ExportCsv, Ja) => "CSVエクスポート",
            (ExportJson, En) => "Export JSON",
            (ExportJson, Ko) => "JSON 내보내기",
            (ExportJson, Ja) => "JSONエクスポート",
            (ExportRows, En) => "Export the {n} instances shown",
            (ExportRows, Ko) => "표시된 인스턴스 {n}개 내보내기",
            (ExportRows, Ja) => "表示中のインスタンス{n}個をエクスポート",
            (ImageDeleted, En) => "(image deleted)",
            (ImageDeleted, Ko) => "(삭제된 이미지)",
            (ImageDeleted, Ja) => "（削除されたイメージ）",
            (CopyImageId, En) => "Copy the image ID",
            (CopyImageId, Ko) => "이미지 ID 복사",
            (CopyImageId, Ja) => "イメージIDをコピー",
            (ColId, En) => "ID",
            (ColId, Ko) => "ID",
            (ColId, Ja) => "ID",
            (Columns, En) => "Columns",
            (Columns, Ko) => "표시 항목",
            (Columns, Ja) => "表示項目",
            (ShowColumn, En) => "Show {column}",
            (ShowColumn, Ko) => "{column} 표시",
            (ShowColumn, Ja) => "{column}を表示",
            (MoveEarlier, En) => "Move {column} earlier",
            (MoveEarlier, Ko) => "{column}을(를) 앞으로 이동",
            (MoveEarlier, Ja) => "{column}を前へ移動",
            (MoveLater, En) => "Move {column} later",
            (MoveLater, Ko) => "{column}을(를) 뒤로 이동",
            (MoveLater, Ja) => "{column}を後ろへ移動",
            (ColumnMoved, En) => "{column}: column {n} of {total}",
            (ColumnMoved, Ko) => "{column}: {total}개 중 {n}번째 열",
            (ColumnMoved, Ja) => "{column}：{total}列中{n}列目",
            (ResetColumns, En) => "Reset columns",
            (ResetColumns, Ko) => "기본값으로 되돌리기",
            (ResetColumns, Ja) => "既定に戻す",
            (NameAlwaysShown, En) => "The name is always shown: it opens the instance.",
            (NameAlwaysShown, Ko) => "이름은 항상 표시됩니다. 이름을 눌러 인스턴스를 엽니다.",
            (NameAlwaysShown, Ja) => "名前は常に表示されます。名前からインスタンスを開きます。",
        }
    }
}
