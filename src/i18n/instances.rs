//! Messages of the instance screens added after the shared table: the per-row menu, the detail
//! page's tabs and the view of one volume attachment.

use super::lang::{Lang, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstancesMsg {
    /// The create wizard's title, and the list's button and the palette's entry that open it.
    CreateInstance,
    /// "Launch more like this": the detail page's button and the row menu's item.
    LaunchLike,
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
    /// The detail page's panel with the SSH or RDP command.
    ConnectTitle,
    ConnectUser,
    /// `{user}`: the distribution's usual login user, shown when the image names none.
    ConnectUserGuessed,
    /// `{key}`: the key pair's name.
    ConnectKeyHint,
    ConnectNoKey,
    /// `{user}`: the Windows login user.
    ConnectRdpHint,
    ConnectNoAddress,
    CopyCommand,
}

impl Message for InstancesMsg {
    fn text(self, lang: Lang) -> &'static str {
        use InstancesMsg::*;
        use Lang::*;
        match (self, lang) {
            (CreateInstance, En) => "Create instance",
            (CreateInstance, Ko) => "인스턴스 생성",
            (CreateInstance, Ja) => "インスタンス作成",
            (LaunchLike, En) => "Launch more like this",
            (LaunchLike, Ko) => "같은 설정으로 인스턴스 추가 생성",
            (LaunchLike, Ja) => "同じ設定でインスタンスを追加作成",
            (ConnectTitle, En) => "Connect",
            (ConnectTitle, Ko) => "접속 방법",
            (ConnectTitle, Ja) => "接続方法",
            (ConnectUser, En) => "User",
            (ConnectUser, Ko) => "사용자",
            (ConnectUser, Ja) => "ユーザー",
            (ConnectUserGuessed, En) => {
                "The image does not name its login user: “{user}” is the usual one for this distribution (a guess)."
            }
            (ConnectUserGuessed, Ko) => {
                "이미지에 로그인 사용자가 없어 이 배포판에서 일반적인 “{user}”를 표시합니다(추정)."
            }
            (ConnectUserGuessed, Ja) => {
                "イメージにログインユーザーの指定がないため、このディストリビューションで一般的な「{user}」を表示しています（推定）。"
            }
            (ConnectKeyHint, En) => {
                "Use the private key of key pair “{key}”, saved as {key}.pem when the key pair was created."
            }
            (ConnectKeyHint, Ko) => {
                "키페어 “{key}”의 비밀키({key}.pem, 키페어 생성 시 저장한 파일)를 사용하세요."
            }
            (ConnectKeyHint, Ja) => {
                "キーペア「{key}」の秘密鍵（キーペア作成時に保存した{key}.pem）を使用してください。"
            }
            (ConnectNoKey, En) => {
                "This instance was created without a key pair: sign in with a key or password set up another way."
            }
            (ConnectNoKey, Ko) => {
                "이 인스턴스는 키페어 없이 생성되었습니다. 다른 방법으로 설정한 키나 비밀번호로 접속하세요."
            }
            (ConnectNoKey, Ja) => {
                "このインスタンスはキーペアなしで作成されました。別の方法で設定した鍵またはパスワードで接続してください。"
            }
            (ConnectRdpHint, En) => {
                "Connect with Remote Desktop as {user}. The password is the one set for the instance when it was created; the console never shows it."
            }
            (ConnectRdpHint, Ko) => {
                "원격 데스크톱으로 {user} 계정에 접속하세요. 비밀번호는 인스턴스 생성 시 설정한 비밀번호이며, 콘솔에는 표시되지 않습니다."
            }
            (ConnectRdpHint, Ja) => {
                "リモートデスクトップで{user}として接続してください。パスワードはインスタンス作成時に設定したもので、コンソールには表示されません。"
            }
            (ConnectNoAddress, En) => "The instance has no IP address yet.",
            (ConnectNoAddress, Ko) => "인스턴스에 아직 IP 주소가 없습니다.",
            (ConnectNoAddress, Ja) => "インスタンスにはまだIPアドレスがありません。",
            (CopyCommand, En) => "Copy the command",
            (CopyCommand, Ko) => "명령어 복사",
            (CopyCommand, Ja) => "コマンドをコピー",
            (LoadingMore, En) => "Loading… {n} instances so far",
            (LoadingMore, Ko) => "불러오는 중… 지금까지 인스턴스 {n}개",
            (LoadingMore, Ja) => "読み込み中… これまでにインスタンス{n}個",
            (RowActionsFor, En) => "Actions for {name}",
            (RowActionsFor, Ko) => "{name} 추가 기능",
            (RowActionsFor, Ja) => "{name}の追加機能",
            (ColRowActions, En) => "Actions",
            (ColRowActions, Ko) => "추가 기능",
            (ColRowActions, Ja) => "追加機能",
            (DetailSections, En) => "Instance sections",
            (DetailSections, Ko) => "인스턴스 정보 구역",
            (DetailSections, Ja) => "インスタンスの項目",
            (TabOverview, En) => "Overview",
            (TabOverview, Ko) => "개요",
            (TabOverview, Ja) => "概要",
            (TabVolumes, En) => "Volumes",
            (TabVolumes, Ko) => "블록 스토리지",
            (TabVolumes, Ja) => "ブロックストレージ",
            (ViewAttachment, En) => "View",
            (ViewAttachment, Ko) => "보기",
            (ViewAttachment, Ja) => "表示",
            (AttachmentDetail, En) => "Volume attachment",
            (AttachmentDetail, Ko) => "블록 스토리지 연결 정보",
            (AttachmentDetail, Ja) => "ブロックストレージの接続情報",
            (ServerId, En) => "Instance ID",
            (ServerId, Ko) => "인스턴스 ID",
            (ServerId, Ja) => "インスタンスID",
        }
    }
}
