//! Messages of the command palette and the keyboard shortcuts.

use super::lang::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaletteMsg {
    Title,
    Placeholder,
    /// `{n}` is how many commands match.
    Results,
    NoResults,
    Loading,
    /// The kinds of command, shown beside each.
    KindInstance,
    KindAction,
    KindPage,
    KindRegion,
    /// `{region}` is a region's name.
    SwitchRegion,
    /// `{action}` and `{name}`: what was sent for which instance.
    Sent,
    /// `{action}` and `{name}`: what was refused.
    Refused,
    Dismiss,
    ShortcutsTitle,
    ShortcutPalette,
    ShortcutFilter,
    ShortcutHelp,
    ShortcutMove,
    ShortcutClose,
    /// The button in the top bar that opens the palette.
    OpenPalette,
}

impl Message for PaletteMsg {
    fn text(self, lang: Lang) -> &'static str {
        use Lang::*;
        use PaletteMsg::*;
        match (self, lang) {
            (Title, En) => "Command palette",
            (Title, Ko) => "명령 팔레트",
            (Title, Ja) => "コマンドパレット",
            (Placeholder, En) => "Instance name, ID or IP, a page, a region…",
            (Placeholder, Ko) => "인스턴스 이름, ID 또는 IP, 페이지, 리전…",
            (Placeholder, Ja) => "インスタンス名、ID、IP、ページ、リージョン…",
            (Results, En) => "{n} results",
            (Results, Ko) => "결과 {n}개",
            (Results, Ja) => "結果{n}個",
            (NoResults, En) => "Nothing matches.",
            (NoResults, Ko) => "일치하는 항목이 없습니다.",
            (NoResults, Ja) => "一致する項目はありません。",
            (Loading, En) => "Reading the instances…",
            (Loading, Ko) => "인스턴스를 읽는 중…",
            (Loading, Ja) => "インスタンスを読み込み中…",
            (KindInstance, En) => "Instance",
            (KindInstance, Ko) => "인스턴스",
            (KindInstance, Ja) => "インスタンス",
            (KindAction, En) => "Action",
            (KindAction, Ko) => "작업",
            (KindAction, Ja) => "操作",
            (KindPage, En) => "Page",
            (KindPage, Ko) => "페이지",
            (KindPage, Ja) => "ページ",
            (KindRegion, En) => "Region",
            (KindRegion, Ko) => "리전",
            (KindRegion, Ja) => "リージョン",
            (SwitchRegion, En) => "Switch to region {region}",
            (SwitchRegion, Ko) => "{region} 리전으로 전환",
            (SwitchRegion, Ja) => "リージョン{region}に切り替え",
            (Sent, En) => "{action}: sent for {name}.",
            (Sent, Ko) => "{action}: {name}에 요청했습니다.",
            (Sent, Ja) => "{action}：{name}に要求しました。",
            (Refused, En) => "{action} for {name} failed.",
            (Refused, Ko) => "{name}의 {action} 요청이 실패했습니다.",
            (Refused, Ja) => "{name}の{action}の要求が失敗しました。",
            (Dismiss, En) => "Dismiss",
            (Dismiss, Ko) => "닫기",
            (Dismiss, Ja) => "閉じる",
            (ShortcutsTitle, En) => "Keyboard shortcuts",
            (ShortcutsTitle, Ko) => "키보드 단축키",
            (ShortcutsTitle, Ja) => "キーボードショートカット",
            (ShortcutPalette, En) => "Open the command palette",
            (ShortcutPalette, Ko) => "명령 팔레트 열기",
            (ShortcutPalette, Ja) => "コマンドパレットを開く",
            (ShortcutFilter, En) => "Go to the instance list's quick filter",
            (ShortcutFilter, Ko) => "인스턴스 목록의 빠른 필터로 이동",
            (ShortcutFilter, Ja) => "インスタンス一覧のクイックフィルタへ移動",
            (ShortcutHelp, En) => "Show these shortcuts",
            (ShortcutHelp, Ko) => "단축키 보기",
            (ShortcutHelp, Ja) => "ショートカットを表示",
            (ShortcutMove, En) => "Move between results, and run the chosen one",
            (ShortcutMove, Ko) => "결과 사이를 이동하고 선택한 항목 실행",
            (ShortcutMove, Ja) => "結果を移動し、選んだ項目を実行",
            (ShortcutClose, En) => "Close a dialog, a menu or the palette",
            (ShortcutClose, Ko) => "대화 상자, 메뉴, 팔레트 닫기",
            (ShortcutClose, Ja) => "ダイアログ、メニュー、パレットを閉じる",
            (OpenPalette, En) => "Commands (Ctrl+K)",
            (OpenPalette, Ko) => "명령 (Ctrl+K)",
            (OpenPalette, Ja) => "コマンド（Ctrl+K）",
        }
    }
}
